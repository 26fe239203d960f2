"""qbXML: request builders, response parsers and the hardened parser for untrusted XML."""
