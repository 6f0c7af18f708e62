import NIOCore
import NIOPosix
import Testing

@testable import RivuletKafka

/// A fake broker that answers every request with bytes made from the request's correlation id.
final class FakeBroker: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(reply: @escaping @Sendable (Int32) -> [UInt8]) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Replier(reply: reply)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async { try? await channel.close() }

    private final class Replier: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let reply: @Sendable (Int32) -> [UInt8]
        init(reply: @escaping @Sendable (Int32) -> [UInt8]) { self.reply = reply }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let request = unwrapInboundIn(data)
            let id = request.getInteger(at: request.readerIndex + 8, as: Int32.self) ?? 0
            let bytes = reply(id)
            if bytes.isEmpty { context.close(promise: nil); return }
            context.writeAndFlush(NIOAny(ByteBuffer(bytes: bytes)), promise: nil)
        }
    }
}

func be32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

@Suite("Malformed frames from a broker")
struct MalformedFrameTests {
    func connectError(_ reply: @escaping @Sendable (Int32) -> [UInt8]) async throws -> KafkaError? {
        let broker = try await FakeBroker(reply: reply)
        defer { Task { await broker.stop() } }
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(broker.port)", "socket.connection.setup.timeout.ms": "300",
            "request.timeout.ms": "500", "retry.backoff.ms": "50",
        ])
        do {
            let client = try await KafkaClient.connect(config)
            await client.close()
            return nil
        } catch {
            return error
        }
    }

    @Test func hugeFrameLengthIsAProtocolError() async throws {
        let e = try await connectError { _ in be32(Int32.max) + [1, 2, 3] }
        #expect(e?.message.contains("2147483647") == true, "\(String(describing: e))")
    }

    @Test func negativeFrameLengthIsAProtocolError() async throws {
        let e = try await connectError { _ in be32(-5) }
        #expect(e?.message.contains("-5") == true, "\(String(describing: e))")
    }

    @Test func truncatedApiVersionsBodyIsMalformed() async throws {
        // A complete frame whose body claims 1000 api keys but carries 2 bytes.
        let e = try await connectError { id in be32(12) + be32(id) + [0, 0] + be32(1000) + [0, 0] }
        #expect(e?.message.contains("malformed ApiVersions") == true, "\(String(describing: e))")
    }

    @Test func wrongCorrelationIdIsAProtocolError() async throws {
        let e = try await connectError { id in be32(10) + be32(id &+ 7) + [0, 0] + be32(0) }
        #expect(e?.message.contains("correlation id") == true, "\(String(describing: e))")
    }

    @Test func connectionClosedMidResponseIsAConnectionError() async throws {
        let e = try await connectError { _ in [] }
        #expect(e?.message.contains("closed") == true, "\(String(describing: e))")
    }

    @Test func silentBrokerTimesOutWithinTheRequestTimeout() async throws {
        let broker = try await FakeBroker(reply: { _ in [0] })  // one byte, never a whole frame
        let config = try KafkaConfiguration([
            "bootstrap.servers": "127.0.0.1:\(broker.port)", "socket.connection.setup.timeout.ms": "600", "request.timeout.ms": "200",
        ])
        let start = ContinuousClock.now
        await #expect { _ = try await KafkaClient.connect(config) } throws: { error in
            (error as? KafkaError)?.message.contains("timed out") == true
        }
        // Far below the 30 s default request timeout, with room for a loaded 2-core machine
        // (57 tests run in parallel here).
        #expect(ContinuousClock.now - start < .seconds(10))
        await broker.stop()
    }
}
