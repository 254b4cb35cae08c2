# unseen buggy submission (function: step)
def step(s):
    return np.where(np.asarray(s) >= 0, 1, -1)
