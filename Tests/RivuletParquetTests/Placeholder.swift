import Testing
@testable import RivuletParquet
