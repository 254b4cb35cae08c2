"""04_optimizers corpus: whole submissions written in the styles students use (tests/corpus/).

Each entry's exact score and failing-check set, on two seeds, through the real pipeline.
Partial scores come from checks with several parts (path, states, look-ahead): e.g. a hidden
check whose path is wrong but whose states are right keeps its states' share.
"""
from tests.checks.corpus import CorpusProof, Entry


def each(cls, *kinds):
    low = cls.lower()
    names = {"path": f"{low}_path", "state": f"{low}_state", "hidden": f"hidden_{low}",
             "eps": f"{low}_eps", "hidden_eps": f"hidden_eps_{low}",
             "warm": f"{low}_warm_start", "hidden_warm": f"hidden_warm_start_{low}",
             "no_mutation": f"{low}_no_mutation", "defaults": f"{low}_defaults"}
    return {names[k] for k in kinds}


WARM = set().union(*(each(c, "warm", "hidden_warm")
                     for c in ("Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam")))
# a hard-coded eps: path and states off (gated properties with them), hidden eps off
HARD_EPS = ("path", "state", "hidden", "hidden_eps", "warm", "hidden_warm", "no_mutation",
            "defaults")
NO_STATE = ("state", "hidden", "warm", "hidden_warm")

TABLE = {
    "dlfs_update_wrapper": Entry(100),
    "lazy_none_state": Entry(100),
    # CS231n's rmsprop adds eps outside the sqrt: -2 (public) -1 (hidden)
    "cs231n_config_wrapper": Entry(97, each("RMSProp", "eps", "hidden_eps")),
    "adam_eps_inside": Entry(97, each("Adam", "eps", "hidden_eps")),
    # path 5, grad points 4, hidden 4 - 4/3 (its states pay), warm 1 + 1 (the warm m is taken as
    # theta's velocity at w, so the states differ too), no mutation 0.5, defaults 0.5
    "nesterov_lookahead_free": Entry(100 - 14 - 2 / 3, {"nesterov_grad_points"} | each(
        "Nesterov", "path", "hidden", "warm", "hidden_warm", "no_mutation", "defaults")),
    # AdaGrad 4+3+0.5+0.5+3+1+0.5 (its public warm start begins at s = [2, 0.5], where a fixed
    # 1e-8 moves w by < 1e-10 relative: measured, it passes), RMSProp 4+3+0.5+0.5+1+3+1+0.5,
    # Adam 5 + 4*2/3 (t pays) + 0.5 + 1 + 1/2 (warm states pay) + 4*5/6 + 1 + 5/6
    "hardcoded_eps": Entry(100 - 12.5 - 13.5 - (14 + 5 / 6),
                           each("AdaGrad", *HARD_EPS) - {"adagrad_warm_start"}
                           | each("RMSProp", *HARD_EPS) | each("Adam", *HARD_EPS)),
    # AdaGrad/RMSProp/Adam left as stubs: only their own checks are lost (SGD, Momentum,
    # Nesterov and minimize earn 34.5 public + 15 hidden points)
    "partial_stub_left": Entry(49.5, set().union(*(each(c, *HARD_EPS, "eps") for c in (
        "AdaGrad", "RMSProp", "Adam")))),
    "minimize_list_path": Entry(93, {"minimize_path", "hidden_minimize"}),
    "getter_only_properties": Entry(91, WARM),
    # Momentum 4+2+1+1, Nesterov 3+4+8/3+1+1, AdaGrad/RMSProp 3+1.5+1+0.5, Adam 8/3+4/3+1+1
    "other_state_names": Entry(100 - 8 - (11 + 2 / 3) - 6 - 6 - 6,
                               {"nesterov_grad_points"} | each("Momentum", *NO_STATE)
                               | each("Nesterov", *NO_STATE) | each("AdaGrad", *NO_STATE)
                               | each("RMSProp", *NO_STATE) | each("Adam", *NO_STATE)),
}



def _diagnoses(result, name):
    return next(c for c in result.checks if c.name == name).diagnoses


class TestCorpus(CorpusProof):
    AID = "04_optimizers"
    TABLE = TABLE

    def test_eps_messages_name_the_side_and_a_hard_coded_value(self, graded):
        """Where ε sits and a hard-coded ε are catalog entries (autograder/diagnoses), named
        only when the values match them."""
        graded = {name: result for (name, seed), result in graded.items() if seed == 11}
        assert _diagnoses(graded["cs231n_config_wrapper"], "rmsprop_eps") == [
            "rmsprop_eps_outside_sqrt"]
        assert _diagnoses(graded["adam_eps_inside"], "hidden_eps_adam") == [
            "adam_eps_inside_sqrt"]
        for name, cls in (("adagrad_path", "adagrad"), ("rmsprop_path", "rmsprop"),
                          ("adam_path", "adam"), ("hidden_eps_adam", "adam")):
            assert _diagnoses(graded["hardcoded_eps"], name) == [f"{cls}_eps_hardcoded"], name
