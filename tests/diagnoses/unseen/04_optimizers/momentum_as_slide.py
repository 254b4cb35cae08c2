# unseen buggy submission (function: Momentum)
class Momentum(Momentum):
    def step(self, w, grad_fn):
        if np.isscalar(self.m):
            self.m = np.zeros_like(w, dtype=float)
        self.m = self.beta * self.m - self.lr * grad_fn(self.m)
        return w + self.m
