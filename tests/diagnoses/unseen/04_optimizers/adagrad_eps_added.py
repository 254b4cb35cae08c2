# unseen buggy submission (function: AdaGrad)
class AdaGrad(AdaGrad):
    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s += g * g
        return w - self.lr * g / (np.sqrt(self.s) + self.eps)
