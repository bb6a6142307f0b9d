import torch
from torch.autograd import Variable


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


def train(model, x_data, y_data, epochs, lr):
    """One gradient step per epoch, returns the losses"""
    x = Variable(x_data)
    y = Variable(y_data)
    criterion = torch.nn.MSELoss(size_average=True)  # mean, like the old tutorial
    history = []
    for epoch in range(epochs):
        # SGD has no state, so making it again every epoch is ok
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        history.append(loss.data)  # keep them as tensors
    return history


def predict(model, x):
    hour_var = Variable(torch.Tensor([[x]]))
    return model(hour_var).data  # shape (1, 1)


if __name__ == "__main__":
    m = LinearModel()
    xs = torch.Tensor([[1.0], [2.0], [3.0]])
    ys = torch.Tensor([[2.0], [4.0], [6.0]])
    h = train(m, xs, ys, 1000, 0.01)
    print("first loss", h[0], "last loss", h[-1])
    print("w =", m.linear.weight.item(), "b =", m.linear.bias.item())
    print("predict 4 ->", predict(m, 4.0))
