extension Array where Element == UInt8 {
    /// Replaces the array with an exact-size copy when its spare room is more than an
    /// eighth of its size (plus a little, so small arrays are left alone): for buffers
    /// that grew while being filled and are then kept.
    mutating func dropSpareCapacity() {
        guard capacity - count > count / 8 + 64 else { return }
        self = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = self.withUnsafeBufferPointer { source in
                buffer.initialize(fromContentsOf: source)
            }
        }
    }
}
