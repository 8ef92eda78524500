"""A revision session: both texts read once, aligned once, every result computed once."""
