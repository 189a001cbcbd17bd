"""Adds up the outcomes in TRX files: prints 'passed failed skipped'."""
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        failed += 1  # a project whose run wrote no readable results
        continue
    for el in root.iter():
        if el.tag.endswith("UnitTestResult"):
            outcome = el.get("outcome")
            if outcome == "Passed":
                passed += 1
            elif outcome in ("NotExecuted", "Inconclusive"):
                skipped += 1
            else:
                failed += 1
print(passed, failed, skipped)
