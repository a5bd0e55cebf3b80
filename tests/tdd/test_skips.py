from __future__ import annotations

import pytest

from tddgate.tdd.after_edit import content_after
from tddgate.tdd.skips import added_skips

BASE = """\
import pytest
import unittest


def test_add():
    assert 1 + 1 == 2


class TestCalc(unittest.TestCase):
    def test_sub(self):
        self.assertEqual(1, 1)
"""
ADD = "def test_add():"
ASSERT = "    assert 1 + 1 == 2"
SUB = "    def test_sub(self):"
SUB_BODY = "        self.assertEqual(1, 1)"
IMPORTS = "import pytest\nimport unittest\n"
CLASS = "class TestCalc"

# (id, old_string, new_string, expected ((line in new, stripped line), ...)) on BASE
FORMS = [
    (
        "mark.skip",
        ADD,
        '@pytest.mark.skip(reason="later")\n' + ADD,
        [(5, '@pytest.mark.skip(reason="later")')],
    ),
    ("mark.skip bare", ADD, "@pytest.mark.skip\n" + ADD, [(5, "@pytest.mark.skip")]),
    (
        "mark.skipif",
        ADD,
        "@pytest.mark.skipif(True, reason='x')\n" + ADD,
        [(5, "@pytest.mark.skipif(True, reason='x')")],
    ),
    (
        "mark.xfail",
        ADD,
        "@pytest.mark.xfail(strict=True)\n" + ADD,
        [(5, "@pytest.mark.xfail(strict=True)")],
    ),
    (
        "pytestmark",
        IMPORTS,
        IMPORTS + "\npytestmark = pytest.mark.skip\n",
        [(4, "pytestmark = pytest.mark.skip")],
    ),
    (
        "pytestmark list",
        IMPORTS,
        IMPORTS + "pytestmark = [pytest.mark.skipif(True, reason='x')]\n",
        [(3, "pytestmark = [pytest.mark.skipif(True, reason='x')]")],
    ),
    ("pytest.skip", ASSERT, '    pytest.skip("later")\n' + ASSERT, [(6, 'pytest.skip("later")')]),
    ("pytest.xfail", ASSERT, '    pytest.xfail("bug")\n' + ASSERT, [(6, 'pytest.xfail("bug")')]),
    (
        "importorskip",
        ASSERT,
        '    np = pytest.importorskip("numpy")\n' + ASSERT,
        [(6, 'np = pytest.importorskip("numpy")')],
    ),
    (
        "pytest.skip.Exception",
        ASSERT,
        '    raise pytest.skip.Exception("x")\n' + ASSERT,
        [(6, 'raise pytest.skip.Exception("x")')],
    ),
    ("unittest.skip", SUB, '    @unittest.skip("x")\n' + SUB, [(10, '@unittest.skip("x")')]),
    (
        "unittest.skipIf",
        SUB,
        '    @unittest.skipIf(True, "x")\n' + SUB,
        [(10, '@unittest.skipIf(True, "x")')],
    ),
    (
        "unittest.skipUnless",
        SUB,
        '    @unittest.skipUnless(False, "x")\n' + SUB,
        [(10, '@unittest.skipUnless(False, "x")')],
    ),
    (
        "expectedFailure",
        SUB,
        "    @unittest.expectedFailure\n" + SUB,
        [(10, "@unittest.expectedFailure")],
    ),
    ("skipTest", SUB_BODY, '        self.skipTest("x")\n' + SUB_BODY, [(11, 'self.skipTest("x")')]),
    (
        "raise unittest.SkipTest",
        SUB_BODY,
        '        raise unittest.SkipTest("x")\n' + SUB_BODY,
        [(11, 'raise unittest.SkipTest("x")')],
    ),
    (
        "raise unittest.case.SkipTest",
        SUB_BODY,
        "        raise unittest.case.SkipTest\n" + SUB_BODY,
        [(11, "raise unittest.case.SkipTest")],
    ),
    ("raise SkipTest", SUB_BODY, "        raise SkipTest\n" + SUB_BODY, [(11, "raise SkipTest")]),
    (
        "__unittest_skip__",
        SUB,
        "    __unittest_skip__ = True\n\n" + SUB,
        [(10, "__unittest_skip__ = True")],
    ),
    (
        "from pytest import skip",
        IMPORTS + "\n\n" + ADD + "\n",
        IMPORTS + "from pytest import skip\n\n\n" + ADD + '\n    skip("later")\n',
        [(7, 'skip("later")')],
    ),
    (
        "from pytest import mark",
        IMPORTS + "\n\n" + ADD + "\n",
        IMPORTS + "from pytest import mark as m\n\n\n@m.xfail\n" + ADD + "\n",
        [(6, "@m.xfail")],
    ),
    (
        "from unittest import skip",
        IMPORTS + "\n\n" + ADD + "\n",
        IMPORTS + "from unittest import skip\n\n\n@skip('x')\n" + ADD + "\n",
        [(6, "@skip('x')")],
    ),
    (
        "import pytest as pt",
        IMPORTS,
        IMPORTS + "import pytest as pt\npytestmark = pt.mark.skip\n",
        [(4, "pytestmark = pt.mark.skip")],
    ),
    (
        "alias assignment",
        ADD,
        "later = pytest.mark.skip\n\n\n@later\n" + ADD,
        [(5, "later = pytest.mark.skip"), (8, "@later")],
    ),
    (
        "param marks",
        ADD,
        '@pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.xfail)])\n' + ADD,
        [(5, '@pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.xfail)])')],
    ),
    (
        "applymarker",
        ASSERT,
        "    request.applymarker(pytest.mark.xfail)\n" + ASSERT,
        [(6, "request.applymarker(pytest.mark.xfail)")],
    ),
    (
        "applymarker string",
        ASSERT,
        '    request.applymarker("xfail")\n' + ASSERT,
        [(6, 'request.applymarker("xfail")')],
    ),
    (
        "modifyitems add_marker",
        CLASS,
        "def pytest_collection_modifyitems(items):\n    for item in items:\n"
        '        item.add_marker(pytest.mark.skip(reason="x"))\n\n\n' + CLASS,
        [(11, 'item.add_marker(pytest.mark.skip(reason="x"))')],
    ),
    (
        "modifyitems add_marker string",
        CLASS,
        "def pytest_collection_modifyitems(items):\n    for item in items:\n"
        '        item.add_marker("skip")\n\n\n' + CLASS,
        [(11, 'item.add_marker("skip")')],
    ),
    (
        "modifyitems deselect",
        CLASS,
        "def pytest_collection_modifyitems(config, items):\n"
        "    config.hook.pytest_deselected(items=items[1:])\n\n\n" + CLASS,
        [(10, "config.hook.pytest_deselected(items=items[1:])")],
    ),
    (
        "pytest_ignore_collect",
        CLASS,
        "def pytest_ignore_collect(collection_path, config):\n    return True\n\n\n" + CLASS,
        [(9, "def pytest_ignore_collect(collection_path, config):")],
    ),
    (
        "collect_ignore",
        IMPORTS,
        IMPORTS + 'collect_ignore = ["tests/slow"]\n',
        [(3, 'collect_ignore = ["tests/slow"]')],
    ),
    (
        "collect_ignore_glob append",
        IMPORTS,
        IMPORTS + 'collect_ignore_glob.append("*_slow.py")\n',
        [(3, 'collect_ignore_glob.append("*_slow.py")')],
    ),
]
MODES = ["write", "edit", "multiedit"]


def _after(mode: str, old_string: str, new_string: str) -> str:
    """BASE after the form's change, made the way the given tool would make it."""
    if mode == "write":
        return BASE.replace(old_string, new_string, 1)
    edit = {"old_string": old_string, "new_string": new_string}
    if mode == "edit":
        after = content_after("Edit", edit, BASE)
    else:  # an unrelated first edit shifts every line down by one
        first = {"old_string": "import pytest\n", "new_string": "import os\nimport pytest\n"}
        after = content_after("MultiEdit", {"edits": [first, edit]}, BASE)
    assert after is not None
    return after


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("old_string", "new_string", "expected"),
    [pytest.param(*form[1:], id=form[0]) for form in FORMS],
)
def test_added_form(
    mode: str, old_string: str, new_string: str, expected: list[tuple[int, str]]
) -> None:
    shift = 1 if mode == "multiedit" else 0
    new = _after(mode, old_string, new_string)
    assert added_skips(BASE, new) == tuple((line + shift, text) for line, text in expected)


@pytest.mark.parametrize(
    ("old_string", "new_string", "expected"),
    [pytest.param(*form[1:], id=form[0]) for form in FORMS],
)
def test_every_form_in_a_new_file(
    old_string: str, new_string: str, expected: list[tuple[int, str]]
) -> None:
    new = BASE.replace(old_string, new_string, 1)
    assert added_skips(None, new) == tuple(expected)


SKIPPED = """\
import pytest


@pytest.mark.skip(reason="flaky")
def test_a():
    pass


def test_b():
    pytest.skip("later")
"""


def test_existing_skips_are_not_reported() -> None:
    new = SKIPPED + "\n\ndef test_c():\n    assert True\n"
    assert added_skips(SKIPPED, new) == ()


def test_rewording_an_existing_skip_adds_nothing() -> None:
    new = SKIPPED.replace('reason="flaky"', 'reason="flaky on CI, see #12"')
    assert added_skips(SKIPPED, new) == ()


def test_moving_skipped_tests_adds_nothing() -> None:
    new = SKIPPED.replace("import pytest\n", "import pytest\n\n\ndef test_first():\n    pass\n")
    assert added_skips(SKIPPED, new) == ()


def test_removing_a_skip_adds_nothing() -> None:
    new = SKIPPED.replace('@pytest.mark.skip(reason="flaky")\n', "")
    assert added_skips(SKIPPED, new) == ()


def test_same_skip_on_another_test_is_added() -> None:
    new = SKIPPED + '\n\n@pytest.mark.skip(reason="flaky")\ndef test_c():\n    pass\n'
    assert added_skips(SKIPPED, new) == ((13, '@pytest.mark.skip(reason="flaky")'),)


def test_second_skip_in_the_same_test_is_added() -> None:
    edit = {
        "old_string": '    pytest.skip("later")\n',
        "new_string": '    pytest.skip("now")\n    pytest.skip("later")\n',
    }
    new = content_after("Edit", edit, SKIPPED)
    assert new is not None
    assert added_skips(SKIPPED, new) == ((10, 'pytest.skip("now")'),)


def test_identical_second_skip_in_the_same_test_is_added_once() -> None:
    new = SKIPPED + '    pytest.skip("later")\n'
    assert added_skips(SKIPPED, new) == ((11, 'pytest.skip("later")'),)


def test_comments_strings_and_lookalikes_are_not_skips() -> None:
    new = BASE.replace(
        ASSERT,
        '    # pytest.mark.skip would hide this\n    text = "pytest.skip()"\n'
        "    skip = 3\n    mark = None\n" + ASSERT,
    )
    assert added_skips(BASE, new) == ()


def test_unparsable_new_falls_back_to_lines() -> None:
    new = BASE + "\n\n@pytest.mark.skip\ndef test_broken(:\n    pass\n"
    assert added_skips(BASE, new) == ((14, "@pytest.mark.skip"),)


def test_fallback_ignores_existing_skips_and_comments() -> None:
    broken = "\n\ndef test_broken(:\n    pass\n"
    old = SKIPPED + broken
    new = SKIPPED + "# pytest.mark.skip in a comment\n" + broken
    assert added_skips(old, new) == ()


FALLBACK_LINES = [
    "@pytest.mark.skipif(True, reason='x')",
    "@mark.xfail",
    'pytest.importorskip("numpy")',
    '@unittest.skipUnless(False, "x")',
    "@skip",
    "@expectedFailure",
    'self.skipTest("x")',
    "raise SkipTest",
    "__unittest_skip__ = True",
    "config.hook.pytest_deselected(items=items)",
    "def pytest_ignore_collect(collection_path):",
    "collect_ignore = ['x']",
    "from pytest import skip",
    "from unittest import skipIf as when",
    'item.add_marker("xfail")',
    'skip("later")',
]


@pytest.mark.parametrize("line", FALLBACK_LINES)
def test_fallback_forms(line: str) -> None:
    old = "import pytest\ndef broken(:\n"
    new = f"import pytest\n    {line}\ndef broken(:\n"
    assert added_skips(old, new) == ((2, line),)


def test_binary_content_does_not_crash() -> None:
    assert added_skips(None, "\0\0\x01 pytest.skip(\n") == ((1, "\0\0\x01 pytest.skip("),)
    assert added_skips("\0", "\0") == ()


def test_crlf_lines() -> None:
    new = BASE.replace("\n", "\r\n").replace(ADD, "@pytest.mark.skip\r\n" + ADD)
    assert added_skips(BASE.replace("\n", "\r\n"), new) == ((5, "@pytest.mark.skip"),)
