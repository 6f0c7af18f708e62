import Crypto
import Foundation

/// The client side of SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677) as Kafka uses it: no
/// channel binding (`n,,`), username escaped (`=` → `=2C`/`=3D`), Hi() = PBKDF2 with HMAC.
struct ScramClient {
    let mechanism: KafkaConfiguration.SaslMechanism
    let username: String
    let password: String
    let clientNonce: String
    private(set) var clientFirstBare = ""
    private(set) var expectedServerSignature: [UInt8] = []

    init(mechanism: KafkaConfiguration.SaslMechanism, username: String, password: String, nonce: String? = nil) {
        self.mechanism = mechanism
        self.username = username
        self.password = password
        self.clientNonce = nonce ?? Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// `n,,n=<user>,r=<nonce>`.
    mutating func clientFirstMessage() -> [UInt8] {
        let escaped = username.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
        clientFirstBare = "n=\(escaped),r=\(clientNonce)"
        return Array(("n,," + clientFirstBare).utf8)
    }

    /// Answers the server-first message with the proof; remembers the server signature to expect.
    mutating func clientFinalMessage(serverFirst: [UInt8]) throws(KafkaError) -> [UInt8] {
        let serverFirstText = String(decoding: serverFirst, as: UTF8.self)
        let fields = Self.attributes(serverFirstText)
        if let error = fields["e"] { throw failure("server error '\(error)'") }
        guard let nonce = fields["r"], nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count else {
            throw failure("server nonce does not extend the client nonce")
        }
        guard let saltText = fields["s"], let salt = Data(base64Encoded: saltText) else { throw failure("missing or bad salt") }
        guard let iterationsText = fields["i"], let iterations = Int(iterationsText), (1...1_000_000).contains(iterations) else {
            throw failure("bad iteration count '\(fields["i"] ?? "")'")
        }
        let withoutProof = "c=biws,r=\(nonce)"
        let authMessage = Array("\(clientFirstBare),\(serverFirstText),\(withoutProof)".utf8)
        let proof: [UInt8]
        switch mechanism {
        case .scramSHA512:
            (proof, expectedServerSignature) = Self.compute(SHA512.self, password: Array(password.utf8), salt: Array(salt), iterations: iterations, authMessage: authMessage)
        default:
            (proof, expectedServerSignature) = Self.compute(SHA256.self, password: Array(password.utf8), salt: Array(salt), iterations: iterations, authMessage: authMessage)
        }
        return Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8)
    }

    /// Checks the server's `v=<signature>` (a server that cannot prove the password is rejected).
    func verifyServerFinal(_ message: [UInt8]) throws(KafkaError) {
        let fields = Self.attributes(String(decoding: message, as: UTF8.self))
        if let error = fields["e"] { throw failure("server error '\(error)'") }
        guard let v = fields["v"], let signature = Data(base64Encoded: v), Array(signature) == expectedServerSignature else {
            throw failure("the server's signature does not match (the server does not know the password)")
        }
    }

    private func failure(_ what: String) -> KafkaError {
        KafkaError(.authenticationFailed, "\(mechanism.rawValue) authentication of '\(username)' failed: \(what)")
    }

    static func attributes(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ",") {
            guard let eq = part.firstIndex(of: "="), part.distance(from: part.startIndex, to: eq) == 1 else { continue }
            out[String(part[..<eq])] = String(part[part.index(after: eq)...])
        }
        return out
    }

    /// ClientProof and ServerSignature for one exchange.
    static func compute<H: HashFunction>(
        _ hash: H.Type, password: [UInt8], salt: [UInt8], iterations: Int, authMessage: [UInt8]
    ) -> (proof: [UInt8], serverSignature: [UInt8]) {
        let salted = hi(H.self, password: password, salt: salt, iterations: iterations)
        let clientKey = hmac(H.self, key: salted, Array("Client Key".utf8))
        let storedKey = Array(H.hash(data: clientKey))
        let clientSignature = hmac(H.self, key: storedKey, authMessage)
        let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
        let serverKey = hmac(H.self, key: salted, Array("Server Key".utf8))
        return (proof, hmac(H.self, key: serverKey, authMessage))
    }

    static func hmac<H: HashFunction>(_ hash: H.Type, key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<H>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// Hi(str, salt, i) of RFC 5802: PBKDF2 with HMAC-H and one output block.
    static func hi<H: HashFunction>(_ hash: H.Type, password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = Array(HMAC<H>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<max(iterations, 1) {
            u = Array(HMAC<H>.authenticationCode(for: u, using: key))
            for j in 0..<result.count { result[j] ^= u[j] }
        }
        return result
    }
}
