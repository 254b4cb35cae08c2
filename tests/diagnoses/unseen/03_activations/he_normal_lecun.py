# unseen buggy submission (function: he_normal)
def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))
