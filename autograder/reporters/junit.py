"""JUnit XML: one testsuite per assignment, one testcase per check."""
from xml.etree import ElementTree as ET

from autograder.messages import render


def report(results, lang="en"):
    root = ET.Element("testsuites")
    for res in results:
        failed = [c for c in res.checks if not c.passed]
        suite = ET.SubElement(root, "testsuite", name=res.assignment, tests=str(len(res.checks)),
                              failures=str(len(failed)), time=f"{res.seconds:.3f}")
        for check in res.checks:
            case = ET.SubElement(suite, "testcase", classname=res.assignment, name=check.name,
                                 time=f"{check.seconds:.3f}")
            ET.SubElement(case, "properties")
            prop = case.find("properties")
            ET.SubElement(prop, "property", name="score", value=f"{check.score:g}")
            ET.SubElement(prop, "property", name="max_score", value=f"{check.max_score:g}")
            if not check.passed:
                failure = ET.SubElement(case, "failure", message=render(check.key, check.fields,
                                                                        lang)[:1000])
                failure.text = f"{check.score:g}/{check.max_score:g}"
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
