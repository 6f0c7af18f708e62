// RivuletConnectors
