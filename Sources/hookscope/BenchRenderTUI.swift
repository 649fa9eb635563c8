import ArgumentParser
import HookscopeTUI

/// `hookscope bench-render`: how long the terminal UI takes to draw a frame of a large
/// list (a benchmark, not a test). Hidden from help; run it from a release build.
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render",
        abstract: "Measure the terminal UI's frame time over a large store.",
        shouldDisplay: false
    )

    @Option(help: "Exchanges in the store.")
    var entries = 100_000

    @Option(help: "Frames to render.")
    var frames = 300

    func run() throws {
        print(RenderBenchmark.run(entries: entries, frames: frames).text)
    }
}
