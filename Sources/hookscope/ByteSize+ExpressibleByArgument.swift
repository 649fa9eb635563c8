import ArgumentParser
import HookscopeCore

extension ByteSize: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public var defaultValueDescription: String { description }
}
