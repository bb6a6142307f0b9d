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
        optimizer.zero_grad()
        loss = criterion(model(x_data), y_data)
        loss.backward()
        optimizer.step()
        # loss after the update, to see that it went down
        new_loss = criterion(model(x_data), y_data)
        losses.append(new_loss.item())
    return losses


def predict(model, x):
    w = model.linear.weight.item()
    return w * x  # y = w * x


if __name__ == "__main__":
    m = LinearModel()
    print(train(m, x_data, y_data, 300, 0.01)[-1])
    print("4 ->", predict(m, 4.0))
