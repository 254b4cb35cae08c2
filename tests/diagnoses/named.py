"""Broken fixture → the misconception it makes, for 01-04 (every failing check of that function
that names anything names it; at least one does). Proven on each fixture's real-pipeline grade
(sandbox child, the seed the fixture table gives it) by the assignment's `CheckProof` class
(tests/checks/harness.py: test_broken_fixture_is_named_by_its_misconception), which grades every
broken fixture anyway; tests/diagnoses/test_catalog.py counts these among the proven entries."""

NAMED = {
    "01_perceptron": {
        "broken_epochs_off_by_one": "train_epochs_off_by_one",
        "broken_gate_weights": "gate_and_computes_or",
        "broken_gate_unknown_name_none": "gate_unknown_name_returns_none",
        "broken_poly_order": "poly_features_order",
        "broken_sigmoid_clipped": "sigmoid_clipped",
        "broken_sigmoid_naive": "sigmoid_naive_overflow",
        "broken_step_zero": "step_zero_is_one",
        "broken_update_always": "train_update_always",
        "broken_update_sign": "train_update_sign",
        "broken_ignores_activation": "perceptron_ignores_activation",
    },
    "02_backprop": {
        "broken_backward_no_b1": "backward_no_b1",
        "broken_backward_sum": "backward_sum_not_mean",
        "broken_delta_no_derivative": "delta_no_derivative",
        "broken_sigmoid_derivative": "sigmoid_derivative_mixed",
        "broken_train_per_sample": "train_per_sample_updates",
        "broken_train_loss_after": "train_loss_after_update",
        "broken_init_ignores_seed": "init_ignores_seed",
        "broken_init_zeros": "init_zero_weights",
        "broken_forward_no_bias": "forward_no_bias",
        "broken_train_lr_sign": "train_gradient_ascent",
    },
    "03_activations": {
        "broken_elu_derivative_at_zero": "elu_derivative_alpha_at_zero",
        "broken_he_normal_std": "lecun_instead_of_he",
        "broken_he_normal_uniform": "he_uniform",
        "broken_leaky_derivative_zero": "leaky_relu_derivative_zero",
        "broken_leaky_ignores_a": "leaky_relu_ignores_a",
        "broken_prelu_dalpha_all": "prelu_dalpha_summed_over_all",
        "broken_prelu_forgot_x": "prelu_alpha_without_x",
        "broken_relu_derivative_at_zero": "relu_derivative_one_at_zero",
        "broken_tanh_derivative_x2": "tanh_derivative_of_preactivation",
        "broken_relu_inplace": "in_place_relu",
        "broken_he_normal_global": "he_ignores_rng",
    },
    "04_optimizers": {
        "broken_adam_no_bias_correction": "adam_no_bias_correction",
        "broken_adam_t_minus_1": "adam_t_off_by_one",
        "broken_adam_t_not_incremented": "adam_t_not_incremented",
        "broken_rmsprop_eps_outside": "rmsprop_eps_outside_sqrt",
        "broken_nesterov_at_w": "nesterov_grad_at_w",
        "broken_momentum_plus": "momentum_plus_gradient",
        "broken_adagrad_no_accumulation": "adagrad_no_accumulation",
        "broken_minimize_no_w0": "minimize_no_w0",
        "broken_minimize_path_dtype_of_w0": "minimize_path_dtype_of_w0",
        "broken_rmsprop_no_decay_weight": "rmsprop_no_decay_weight",
        "broken_sgd_sign": "sgd_gradient_ascent",
    },
}
# broken fixture → {check: entry} where the fixture makes a second mistake, named there
ALSO = {
    # always step: the unknown name 'relu' gets step's values, no ValueError either
    "broken_ignores_activation": {"perceptron_bad_activation":
                                  "perceptron_unknown_activation_no_error"},
}
