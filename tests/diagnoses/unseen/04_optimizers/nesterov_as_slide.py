# unseen buggy submission (function: Nesterov)
class Nesterov(Nesterov):
    def step(self, w, grad_fn):
        w_temp = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w_temp)
        w = w_temp + self.m
        return w
