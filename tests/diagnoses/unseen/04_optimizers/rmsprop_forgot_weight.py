# unseen buggy submission (function: RMSProp)
class RMSProp(RMSProp):
    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + g ** 2
        return w - self.lr / np.sqrt(self.s + self.eps) * g
