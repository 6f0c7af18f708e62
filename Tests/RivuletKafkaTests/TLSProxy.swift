import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Crypto

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

    /// Starts the proxy. With `certificate`/`key` it terminates TLS; with `sasl` it authenticates
    /// clients itself (SaslHandshake/SaslAuthenticate are answered here, not forwarded).
    static func start(
        certificate: String?, key: String?, upstreamHost: String, upstreamPort: Int, sasl: SaslServer.Account? = nil
    ) async throws -> TLSProxy {
        let context: NIOSSLContext?
        if let certificate, let key {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            context = try NIOSSLContext(configuration: tls)
        } else {
            context = nil
        }
        let portBox = PortBox()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                ClientBootstrap(group: child.eventLoop).connect(host: upstreamHost, port: upstreamPort).flatMap { upstream in
                    child.eventLoop.makeCompletedFuture {
                        let rewriter = MetadataRewriter(port: portBox.port)
                        if let context { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                        try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameSplitter()))
                        try child.pipeline.syncOperations.addHandler(
                            Forward(peer: upstream, rewriter: rewriter, requests: true, sasl: sasl.map { SaslServer(account: $0) }))
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
    let sasl: SaslServer?
    init(peer: any Channel, rewriter: MetadataRewriter, requests: Bool, sasl: SaslServer? = nil) {
        self.peer = peer
        self.rewriter = rewriter
        self.requests = requests
        self.sasl = sasl
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if requests, let sasl, let reply = sasl.handle(frame) {
            context.channel.writeAndFlush(reply, promise: nil)
            return
        }
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

/// The server side of SASL PLAIN and SCRAM-SHA-256/512 for one connection of the proxy.
final class SaslServer: @unchecked Sendable {
    struct Account: Sendable {
        var mechanism: String
        var username: String
        var password: String
    }

    let account: Account
    private var clientFirstBare = ""
    private var serverFirst = ""
    private var nonce = ""
    private let salt: [UInt8] = Array("rivulet-salt".utf8)
    private(set) var authenticated = false

    init(account: Account) { self.account = account }

    /// A response frame for SaslHandshake / SaslAuthenticate requests, nil for other requests.
    func handle(_ frame: ByteBuffer) -> ByteBuffer? {
        var r = frame
        guard r.readInteger(as: Int32.self) != nil, let key = r.readInteger(as: Int16.self), key == 17 || key == 36,
            let version = r.readInteger(as: Int16.self), let id = r.readInteger(as: Int32.self),
            let clientIdLength = r.readInteger(as: Int16.self)
        else { return nil }
        if clientIdLength > 0 { r.moveReaderIndex(forwardBy: Int(clientIdLength)) }
        var out = ByteBuffer()
        out.writeInteger(Int32(0))
        out.writeInteger(id)
        if key == 17 {
            let length = Int(r.readInteger(as: Int16.self) ?? 0)
            let mechanism = r.readString(length: length) ?? ""
            out.writeInteger(Int16(mechanism == account.mechanism ? 0 : 33))
            out.writeKafkaArray([account.mechanism]) { b, m in b.writeKafkaString(m) }
        } else {
            let length = Int(r.readInteger(as: Int32.self) ?? 0)
            let bytes = r.readBytes(length: max(length, 0)) ?? []
            let (error, message, reply) = authenticate(bytes)
            out.writeInteger(error)
            out.writeKafkaNullableString(message)
            out.writeKafkaBytes(reply)
            if version >= 1 { out.writeInteger(Int64(0)) }
        }
        out.setInteger(Int32(out.readableBytes - 4), at: 0)
        return out
    }

    private func authenticate(_ bytes: [UInt8]) -> (Int16, String?, [UInt8]) {
        let failed: (Int16, String?, [UInt8]) = (58, "Authentication failed: Invalid username or password", [])
        if account.mechanism == "PLAIN" {
            let parts = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 3, parts[1] == account.username, parts[2] == account.password else { return failed }
            authenticated = true
            return (0, nil, [])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if clientFirstBare.isEmpty {
            guard text.hasPrefix("n,,") else { return failed }
            clientFirstBare = String(text.dropFirst(3))
            let fields = ScramClient.attributes(clientFirstBare)
            guard fields["n"] == account.username, let clientNonce = fields["r"] else { return failed }
            nonce = clientNonce + "srvNonce42"
            serverFirst = "r=\(nonce),s=\(Data(salt).base64EncodedString()),i=4096"
            return (0, nil, Array(serverFirst.utf8))
        }
        let fields = ScramClient.attributes(text)
        guard fields["r"] == nonce, let proofText = fields["p"], let proof = Data(base64Encoded: proofText),
            let withoutProof = text.range(of: ",p=").map({ String(text[..<$0.lowerBound]) })
        else { return failed }
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let password = Array(account.password.utf8)
        let expected: (proof: [UInt8], serverSignature: [UInt8])
        if account.mechanism == "SCRAM-SHA-512" {
            expected = ScramClient.compute(SHA512.self, password: password, salt: salt, iterations: 4096, authMessage: authMessage)
        } else {
            expected = ScramClient.compute(SHA256.self, password: password, salt: salt, iterations: 4096, authMessage: authMessage)
        }
        guard Array(proof) == expected.proof else { return failed }
        authenticated = true
        return (0, nil, Array("v=\(Data(expected.serverSignature).base64EncodedString())".utf8))
    }
}
