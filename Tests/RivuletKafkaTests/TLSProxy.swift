import Foundation
import NIOCore
import NIOPosix
import NIOSSL

@testable import RivuletKafka

/// A TLS-terminating proxy in front of a plaintext broker, for the TLS tests: accepts TLS on
/// 127.0.0.1:<port>, forwards the Kafka bytes to the broker, and rewrites the broker list of
/// Metadata responses to point at itself (so every connection the client makes goes through TLS).
final class TLSProxy: Sendable {
    let channel: any Channel
    let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    static func start(certificate: String, key: String, upstreamHost: String, upstreamPort: Int) async throws -> TLSProxy {
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        let context = try NIOSSLContext(configuration: tls)
        let portBox = PortBox()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                ClientBootstrap(group: child.eventLoop).connect(host: upstreamHost, port: upstreamPort).flatMap { upstream in
                    child.eventLoop.makeCompletedFuture {
                        let rewriter = MetadataRewriter(port: portBox.port)
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                        try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameSplitter()))
                        try child.pipeline.syncOperations.addHandler(Forward(peer: upstream, rewriter: rewriter, requests: true))
                        try upstream.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameSplitter()))
                        try upstream.pipeline.syncOperations.addHandler(Forward(peer: child, rewriter: rewriter, requests: false))
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = server.localAddress?.port ?? 0
        portBox.port = port
        return TLSProxy(channel: server, port: port)
    }

    func stop() async { try? await channel.close() }

    final class PortBox: @unchecked Sendable { var port = 0 }
}

/// Whole Kafka frames (size prefix kept).
private struct FrameSplitter: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let size = buffer.getInteger(at: buffer.readerIndex, as: Int32.self), buffer.readableBytes >= 4 + Int(size),
            let frame = buffer.readSlice(length: 4 + Int(size))
        else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }
}

/// Remembers which requests were Metadata (by correlation id) and rewrites their responses' brokers.
private final class MetadataRewriter: @unchecked Sendable {
    let port: Int
    let lock = NSLock()
    var metadataVersions: [Int32: Int16] = [:]
    init(port: Int) { self.port = port }

    func sawRequest(_ frame: ByteBuffer) {
        guard let key = frame.getInteger(at: frame.readerIndex + 4, as: Int16.self), key == 3,
            let version = frame.getInteger(at: frame.readerIndex + 6, as: Int16.self),
            let id = frame.getInteger(at: frame.readerIndex + 8, as: Int32.self)
        else { return }
        lock.withLock { metadataVersions[id] = version }
    }

    func response(_ frame: ByteBuffer) -> ByteBuffer {
        guard let id = frame.getInteger(at: frame.readerIndex + 4, as: Int32.self),
            let version = lock.withLock({ metadataVersions.removeValue(forKey: id) })
        else { return frame }
        var r = frame
        r.moveReaderIndex(forwardBy: 8)
        var out = ByteBuffer()
        out.writeInteger(Int32(0))
        out.writeInteger(id)
        if version >= 3, let throttle = r.readInteger(as: Int32.self) { out.writeInteger(throttle) }
        guard let count = r.readInteger(as: Int32.self) else { return frame }
        out.writeInteger(count)
        for _ in 0..<count {
            guard let node = r.readInteger(as: Int32.self), let hl = r.readInteger(as: Int16.self), r.readString(length: Int(hl)) != nil,
                r.readInteger(as: Int32.self) != nil, let rl = r.readInteger(as: Int16.self)
            else { return frame }
            let rack = rl >= 0 ? r.readString(length: Int(rl)) : nil
            out.writeInteger(node)
            out.writeKafkaString("127.0.0.1")
            out.writeInteger(Int32(port))
            out.writeKafkaNullableString(rack)
        }
        out.writeBuffer(&r)
        out.setInteger(Int32(out.readableBytes - 4), at: 0)
        return out
    }
}

private final class Forward: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let peer: any Channel
    let rewriter: MetadataRewriter
    let requests: Bool
    init(peer: any Channel, rewriter: MetadataRewriter, requests: Bool) {
        self.peer = peer
        self.rewriter = rewriter
        self.requests = requests
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if requests {
            rewriter.sawRequest(frame)
            peer.writeAndFlush(frame, promise: nil)
        } else {
            peer.writeAndFlush(rewriter.response(frame), promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// A self-signed certificate for 127.0.0.1/localhost made with `openssl req`, in a temp folder.
struct TestCertificate {
    let directory: URL
    var certificate: String { directory.appendingPathComponent("cert.pem").path }
    var key: String { directory.appendingPathComponent("key.pem").path }

    init(commonName: String = "localhost", san: String = "DNS:localhost,IP:127.0.0.1") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(commonName)",
            "-addext", "subjectAltName=\(san)",
            "-keyout", directory.appendingPathComponent("key.pem").path, "-out", directory.appendingPathComponent("cert.pem").path,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw KafkaError(.tlsFailed, "openssl req failed with \(p.terminationStatus)") }
    }

    static var opensslAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }
}
