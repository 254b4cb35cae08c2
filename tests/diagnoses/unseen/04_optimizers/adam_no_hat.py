# unseen buggy submission (function: Adam)
class Adam(Adam):
    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t = self.t + 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * np.square(g)
        return w - self.lr * self.m / (np.sqrt(self.s) + self.eps)
