import Foundation
import Logging
import RosterServer
import Testing

/// `roster serve`'s log lines: swift-log's `StreamLogHandler` format, metadata sorted by key,
/// written to the descriptor in order.
@Suite struct BufferedLogHandlerTests {
    @Test func linesHaveStreamLogHandlersFormat() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let sink = LogSink(descriptor: descriptors[1])
        var logger = Logger(label: "roster") { BufferedLogHandler(label: $0, sink: sink) }
        logger.info("GET /scim/v2/Users/1 200 0.1ms Okta · read member zoë", source: "RosterServer")
        logger[metadataKey: "request"] = "7"
        logger.warning("slow", metadata: ["b": "2", "a": "1"], source: "X")  // a warning is written at once
        logger.debug("not at the default level", source: "X")
        logger.info("after", source: "Y")
        sink.flush()
        close(descriptors[1])
        let text = String(decoding: FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4 && lines.last == "", "\(lines)")
        let stamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000/
        #expect(try stamp.prefixMatch(in: lines[0]) != nil, "\(lines[0])")
        #expect(lines[0].hasSuffix(" info roster: [RosterServer] GET /scim/v2/Users/1 200 0.1ms Okta · read member zoë"))
        #expect(lines[1].hasSuffix(" warning roster: a=1 b=2 request=7 [X] slow"))
        #expect(lines[2].hasSuffix(" info roster: request=7 [Y] after"))
    }

    @Test func jsonLinesAreOneObjectEachWithEscapedText() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let sink = LogSink(descriptor: descriptors[1], format: .json)
        let logger = Logger(label: "roster") { BufferedLogHandler(label: $0, sink: sink) }
        logger.info("say \"hi\"\n\u{1}zoë", metadata: ["b": "2", "a": "x\\y"], source: "RosterServer")
        sink.flush()
        close(descriptors[1])
        let text = String(decoding: FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)

        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("{\"time\":\""))
        #expect(line.hasSuffix(
            #","level":"info","label":"roster","source":"RosterServer","message":"say \"hi\"\n\u0001zoë","metadata":{"a":"x\\y","b":"2"}}"#))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["message"] as? String == "say \"hi\"\n\u{1}zoë")
    }
}
