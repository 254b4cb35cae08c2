"""JUnit XML: one testsuite per assignment, one testcase per check.

Follows the common JUnit schema CI tools read (Jenkins, GitLab, GitHub test reporters):
``testsuites`` > ``testsuite(name, tests, failures, errors, skipped, time)`` >
``testcase(classname, name, time)`` with a ``failure(message, type)`` child when the check is not
fully passed. Points go in testcase ``properties`` (score, max_score; as pytest writes them);
loading problems go in the suite's ``system-err``. Text from student code is stripped of the
characters XML 1.0 cannot hold, so the file always parses. A grading error (no score) is an
``error(message, type)`` child, counted in ``errors``, with no score property.
"""
import re
from xml.etree import ElementTree as ET

from autograder.grading_error import label
from autograder.reporters.catalogs import render

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text, limit=None):
    text = _NOT_XML.sub("\ufffd", str(text))
    return text[:limit] if limit else text


def report(results, lang="en"):
    root = ET.Element("testsuites", name="nngrade")
    total = failures = errors = 0
    seconds = 0.0
    for res in results:
        failed = [c for c in res.checks if not c.passed and c.error is None]
        faulted = [c for c in res.checks if c.error is not None]
        total += len(res.checks)
        failures += len(failed)
        errors += len(faulted)
        seconds += res.seconds
        suite = ET.SubElement(root, "testsuite", name=xml_safe(res.assignment),
                              tests=str(len(res.checks)), failures=str(len(failed)),
                              errors=str(len(faulted)), skipped="0", time=f"{res.seconds:.3f}")
        for check in res.checks:
            case = ET.SubElement(suite, "testcase", classname=xml_safe(res.assignment),
                                 name=xml_safe(check.name), time=f"{check.seconds:.3f}")
            if check.error is not None:  # the grader could not measure: no score property
                text = xml_safe(label(check.error, lang))
                ET.SubElement(case, "error", message=text[:1000], type=check.error[0]).text = text
                continue
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="score", value=f"{check.score:g}")
            ET.SubElement(props, "property", name="max_score", value=f"{check.max_score:g}")
            ET.SubElement(props, "property", name="hidden", value=str(check.hidden).lower())
            if not check.passed:
                text = xml_safe(render(check.key, check.fields, lang))
                failure = ET.SubElement(case, "failure", message=text[:1000], type=check.key)
                failure.text = f"{check.score:g}/{check.max_score:g} points\n{text}"
        if res.problems:
            err = ET.SubElement(suite, "system-err")
            err.text = "\n".join(xml_safe(render(k, f, lang)) for k, f in res.problems)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", f"{seconds:.3f}")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
