"""tpkit — customer touchpoint analysis: inventory, evaluation and target strategy.

Example
-------
>>> import tpkit
>>> project = tpkit.load_sample("hotel")
>>> int(tpkit.coverage_matrix(project.touchpoints)["touchpoints"].sum()) == len(project.touchpoints)
True
"""

import warnings

# Numeric libraries use one thread per process unless the environment says otherwise (see tpkit.threads):
# first, so that BLAS reads the limit when numpy loads it.
from .threads import current_threads, limit_threads, set_threads

limit_threads()

# pandera imports pyspark.pandas whenever PySpark is installed (tpkit's Spark engine), and PySpark 4.3
# then warns about pandas 3 although tpkit never uses pandas-on-Spark; keep that warning out of
# notebooks and dashboards.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

from .datasets import SAMPLE_EXPORTS, SAMPLES, ground_truth, load_sample, sample_export, sample_path  # noqa: E402
from .drivers import key_drivers
from .evaluation import (critical_touchpoints, headline, headline_pairwise, headline_test, incidents, inside_outside,
                         ipa, met_flag, nps, nps_pairwise, nps_test, performance, segment_differences,
                         segment_performance)
from .errors import ModelError, check_segment
from .i18n import LANGUAGES, label, relabel, t
from .inventory import (by_owner, by_phase, cost_per_contact, coverage_matrix, inventory_summary,
                        journey_gaps, touchpoint_segments)
from .exports import Export, describe_export, read_export
from .io import Project, load_project, load_upload, save_project, with_tables
from .guess import guess_mapping
from .mapping import Mapping, mapping_table, survey_tables
from .survey import read_survey
from .outcome import OUTCOME_KINDS, OutcomeSpec
from .problems import Problem, ProjectError
from .schema import CHANNELS, CONTACTS, KINDS, LOYALTY, PHASES, TABLES, describe_table

__all__ = [
    "CHANNELS", "CONTACTS", "KINDS", "LANGUAGES", "LOYALTY", "PHASES", "SAMPLES", "TABLES",
    "ModelError", "Problem", "Project", "ProjectError", "check_segment",
    "by_owner", "by_phase", "cost_per_contact", "coverage_matrix", "describe_table", "ground_truth", "inventory_summary",
    "journey_gaps", "label", "load_project", "load_sample", "load_upload", "relabel", "sample_path",
    "save_project", "t", "touchpoint_segments", "with_tables",
    "critical_touchpoints", "incidents", "inside_outside", "ipa", "key_drivers", "met_flag", "nps", "nps_pairwise",
    "nps_test", "performance", "segment_differences", "segment_performance", "current_threads", "set_threads",
    "headline", "headline_pairwise", "headline_test", "OUTCOME_KINDS", "OutcomeSpec",
    "SAMPLE_EXPORTS", "sample_export", "Export", "Mapping", "describe_export", "guess_mapping", "mapping_table", "read_export", "read_survey", "survey_tables",
]
__version__ = "0.1.0"
