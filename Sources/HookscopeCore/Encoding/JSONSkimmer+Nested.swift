extension JSONSkimmer {
    /// Past the string whose opening quote is at `start` (escapes skipped whole, contents
    /// not checked); nil if the bytes end first. Sixteen bytes a step: the first quote or
    /// backslash among them is found from their mask, with no byte-by-byte walk to it;
    /// after sixteen with neither, 64 a step while there is neither.
    static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while index + 16 <= end {
            let stops = JSONByteMasks.quotesOrBackslashes(UnsafeRawPointer(base + index))
            if stops == 0 {
                // A long string, likely: 64 bytes a test while it has neither.
                index += 16
                while index + 64 <= end, !JSONByteMasks.holdQuoteOrBackslash(UnsafeRawPointer(base + index)) { index += 64 }
                continue
            }
            index += stops.trailingZeroBitCount
            if base[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 2
        }
        while index < end {
            switch base[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    /// Past the object or array whose bracket is at `start`, nested ones included, strings
    /// respected; nil if the bytes end first. Brackets of either kind count alike: telling
    /// `{]` from `{}` is checking, which this does not do. A backslash escapes the byte
    /// after it inside a string and is an ordinary byte outside one (as in the byte-by-byte
    /// walk, `NestedWalk.step`).
    ///
    /// Most of a delivery's bytes are in its nested values, and in a body of small objects
    /// every few bytes are a quote or a bracket, so a byte-at-a-time loop mispredicts on
    /// most of them. Instead 64 bytes at a time are read as bit masks (`JSONByteMasks`):
    /// the escaped bytes, from the backslashes; the quotes left, whose running parity marks
    /// the bytes inside strings; and the brackets outside strings, counted. Only a block
    /// whose closing brackets could bring the depth to zero has its brackets walked in
    /// order, bit by bit. A block with a backslash outside a string (not JSON; the masks
    /// took it for an escape) and the last bytes short of a block are walked byte by byte.
    /// Inside a long string a block with no quote or backslash is passed on one test.
    /// `JSONSkimmerPropertyTests` holds this to the byte-by-byte walk.
    static func endOfNested(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var position = start
        var depth = 0
        // All ones when `position` is inside a string, else 0.
        var inString: UInt64 = 0
        // 1 when the byte at `position` is escaped (the last block ended on a backslash).
        var carry: UInt64 = 0
        while position + 64 <= end {
            let pointer = UnsafeRawPointer(base + position)
            if inString != 0, carry == 0, !JSONByteMasks.holdQuoteOrBackslash(pointer) {
                position += 64
                continue
            }
            let block = JSONByteMasks.Block(pointer)
            var escaped: UInt64 = 0
            var nextCarry: UInt64 = 0
            if block.backslashes | carry != 0 {
                (escaped, nextCarry) = JSONByteMasks.escaped(backslashes: block.backslashes, carry: carry)
            }
            let inside = JSONByteMasks.prefixParity(block.quotes & ~escaped) ^ inString
            guard block.backslashes & ~inside == 0 else {
                var walk = NestedWalk(position: position + Int(carry), depth: depth, inString: inString != 0)
                if walk.step(base, upTo: position + 64) { return walk.position }
                (position, depth, inString, carry) = (walk.position, walk.depth, walk.inString ? ~0 : 0, 0)
                continue
            }
            let opens = block.opens & ~inside
            let closes = block.closes & ~inside
            if closes.nonzeroBitCount < depth {
                depth += opens.nonzeroBitCount - closes.nonzeroBitCount
            } else {
                var brackets = opens | closes
                while brackets != 0 {
                    let bit = brackets & (0 &- brackets)
                    if opens & bit != 0 {
                        depth += 1
                    } else {
                        depth -= 1
                        if depth == 0 { return position + bit.trailingZeroBitCount + 1 }
                    }
                    brackets ^= bit
                }
            }
            inString = 0 &- (inside >> 63)
            carry = nextCarry
            position += 64
        }
        var walk = NestedWalk(position: position + Int(carry), depth: depth, inString: inString != 0)
        return walk.step(base, upTo: end) ? walk.position : nil
    }
}

/// The byte-by-byte walk of `JSONSkimmer.endOfNested`: how deep, and whether inside a
/// string, for the bytes the masks do not take.
private struct NestedWalk {
    var position: Int
    var depth: Int
    var inString: Bool

    /// Walks bytes up to `end` (an escape may carry it one past); true once the value has
    /// closed, with `position` just after it.
    @inline(__always) mutating func step(_ base: UnsafePointer<UInt8>, upTo end: Int) -> Bool {
        while position < end {
            let byte = base[position]
            position += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    position += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte | 0x20 == UInt8(ascii: "{") {
                depth += 1
            } else if byte | 0x20 == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return true }
            }
        }
        return false
    }
}
