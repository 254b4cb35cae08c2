# unseen buggy submission (function: Adam)
class Adam(Adam):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr, beta1, beta2, eps)
        self.t = 1
    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g * g
        mc = self.m / (1 - self.beta1 ** self.t)
        vc = self.s / (1 - self.beta2 ** self.t)
        self.t += 1
        return w - self.lr * mc / (np.sqrt(vc) + self.eps)
