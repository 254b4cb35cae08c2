# unseen buggy submission (function: Adam)
class Adam(Adam):
    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g ** 2
        m_hat = self.m / (1 - self.beta1 ** self.t)
        v_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (v_hat + self.eps) ** .5
