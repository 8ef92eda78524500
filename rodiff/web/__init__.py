"""rodiff in the browser: a local web page over the revision session, for secretaries."""
