import torch

x_data = torch.tensor([[1.0], [2.0], [3.0]])
y_data = torch.tensor([[2.0], [4.0], [6.0]])

loss_history = []  # to plot the loss later


class LinearModel(torch.nn.Module):
    def __init__(self):
        super(LinearModel, self).__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


def train(model, x_data, y_data, epochs, lr):
    criterion = torch.nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        optimizer.zero_grad()
        y_pred = model(x_data)
        loss = criterion(y_pred, y_data)
        loss.backward()
        optimizer.step()
        loss_history.append(loss.item())
    return loss_history


def predict(model, x):
    return model(torch.tensor([[float(x)]])).item()


model = LinearModel()
train(model, x_data, y_data, 200, 0.01)
print("trained for", len(loss_history), "epochs, final loss", loss_history[-1])
print("f(4) =", predict(model, 4.0))
