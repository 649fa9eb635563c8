/// `render(state, size) -> CellGrid`: pure, draws only what is visible.
public enum Renderer {
    public static func render(_ state: AppState, size: TerminalSize) -> CellGrid {
        var grid = CellGrid(width: size.width, height: size.height)
        var state = state
        if state.size != size {
            state.size = size
            state.clampScrolling()
        }
        let layout = ScreenLayout(size: size)
        if layout.isTooSmall {
            TooSmallScreen.draw(into: &grid)
            return grid
        }
        TopBar.draw(state, into: &grid, row: layout.topBarRow)
        switch state.overlay {
        case .confirmation(let question): ConfirmScreen.draw(question, state: state, into: &grid, layout: layout)
        case .picker(let picker): PickerScreen.draw(picker, state: state, into: &grid, layout: layout)
        case .input, .none: drawScreen(state, into: &grid, layout: layout)
        }
        Footer.draw(state, into: &grid, layout: layout)
        return grid
    }

    static func drawScreen(_ state: AppState, into grid: inout CellGrid, layout: ScreenLayout) {
        switch state.screen {
        case .list: ListScreen.draw(state, into: &grid, layout: layout)
        case .detail: DetailScreen.draw(state, into: &grid, layout: layout)
        case .help: HelpScreen.draw(state, into: &grid, layout: layout)
        case .rules: RulesScreen.draw(state, into: &grid, layout: layout)
        }
    }
}
