"""nbgrader's cell restore without the false alarm on hidden-test cells.

nbgrader's `OverwriteCells` (autograde's sanitizing step) puts every locked cell of a submission
back to the gradebook's copy and warns "Attribute 'checksum' for cell X has changed!" whenever the
submitted cell differs. A hidden-test cell *always* differs: students receive it with the hidden
region removed (`ClearHiddenTests` at release), so every honest submission printed that warning
for each hidden-test cell, which reads like tampering. `RestoreTestCells` restores exactly as
nbgrader does, and keeps the warning for real changes only: a cell whose source is the released
form of the gradebook's cell (the source with its hidden region removed) is restored silently
(a debug line). Configured in nbgrader_config.py in `Autograde.sanitize_preprocessors`.
"""
import copy

from nbgrader.api import MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, OverwriteCells
from nbgrader.utils import is_locked


class RestoreTestCells(OverwriteCells):
    """`OverwriteCells` that does not report the hidden-test removal students received."""

    _as_released = None  # grade id of the cell being restored when it is the released form

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        self._as_released = grade_id if grade_id and self._is_released_form(cell, grade_id) \
            else None
        return super().preprocess_cell(cell, resources, cell_index)

    def _is_released_form(self, cell, grade_id):
        try:
            source_cell = self.gradebook.find_source_cell(grade_id, self.notebook_id,
                                                          self.assignment_id)
        except MissingEntry:  # nbgrader itself reports the unknown cell
            return False
        if not source_cell.locked or not is_locked(cell):
            return False
        released = copy.deepcopy(cell)
        released.source = source_cell.source
        if not ClearHiddenTests(parent=self)._remove_hidden_test_region(released):
            return False  # no hidden region: any difference is a real change
        return cell.source == released.source

    def report_change(self, name, attr, old, new):
        if attr == "checksum" and name == self._as_released:
            self.log.debug("[nngrade] %s: hidden tests put back (the student's copy has none)",
                           name)
            return
        super().report_change(name, attr, old, new)
