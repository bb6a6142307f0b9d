import torch

x_data = torch.tensor([[1.0], [2.0], [3.0]])
y_data = torch.tensor([[2.0], [4.0], [6.0]])


class LinearModel(torch.nn.Module):
    def __init__(self):
        super(LinearModel, self).__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


def train(model, x_data, y_data, epochs, lr):
    criterion = torch.nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        y_pred = model(x_data)
        loss = criterion(y_pred, y_data)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses


def predict(model, x):
    with torch.no_grad():
        y = model(torch.tensor([[x]]))
    return y.item()


model = LinearModel()
losses = train(model, x_data, y_data, 100, 0.01)
print("loss at start:", losses[0], "loss at the end:", losses[-1])
print("prediction for 4 hours:", predict(model, 4.0))
