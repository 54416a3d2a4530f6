// The Extraction module: proposes observations from report text (being written).
