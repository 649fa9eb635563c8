/// Where each column of the delivery list goes at a given width. Wide terminals get
/// milliseconds, provider/event, the signature word and the duration; narrow ones keep
/// the signature symbol, which is what matters most.
struct ListColumns {
    struct Span {
        var x: Int
        var width: Int
        var end: Int { x + width }
    }

    let wide: Bool
    let time: Span
    let method: Span
    let path: Span
    let source: Span?
    let signature: Span
    let attempt: Span
    let status: Span
    let size: Span
    let duration: Span?

    init(width: Int) {
        wide = width >= 80
        var x = 1
        func take(_ w: Int) -> Span {
            defer { x += w + 1 }
            return Span(x: x, width: w)
        }
        let fixed = wide ? (12 + 6 + 11 + 3 + 4 + 8 + 7 + 9) : (8 + 6 + 1 + 3 + 4 + 8 + 7)
        // At the minimum width (40) two cells are left for the path: the columns must add
        // up to the width, or the last one runs off the screen.
        let flexible = max(2, width - 1 - fixed)
        // Provider and event say what a delivery is; the path often only repeats the provider.
        let pathWidth = wide ? flexible * 45 / 100 : flexible
        time = take(wide ? 12 : 8)
        method = take(6)
        path = take(pathWidth)
        source = wide ? take(flexible - pathWidth) : nil
        signature = take(wide ? 11 : 1)
        attempt = take(3)
        status = take(4)
        size = take(8)
        duration = wide ? take(7) : nil
    }
}
