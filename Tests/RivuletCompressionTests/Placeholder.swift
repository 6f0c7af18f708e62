import Testing
@testable import RivuletCompression
