// The Charts module: terminal charts, sparklines and SVG (being written).
