"""What a supervising office does with the published reports of the agencies below it.

The rules of the supervisor's console that are not web concerns: agency kinds and their
publication deadlines, the agency tree as a spreadsheet, matching a report to an agency,
indicators and their definitions, comparing two years, compiling a region's report and
the 整改 list. The web console (`gongkai.web.console`) and the CLI are clients of these.
"""
