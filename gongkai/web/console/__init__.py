"""The supervisor's console: collect, check, correct, compare and rank the published reports of the
agencies below a supervising office. A client of `gongkai.supervision` and the readers and checks."""
