import Testing
@testable import RivuletKafka
