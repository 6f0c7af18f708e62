// RivuletConnectors: file data sources (text, csv, json) and their writers; see FileFormats.
