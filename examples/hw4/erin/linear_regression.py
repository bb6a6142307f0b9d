import torch

x_data = torch.tensor([[1.0], [2.0], [3.0]])
y_data = torch.tensor([[2.0], [4.0], [6.0]])


class LinearModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


# model, loss and optimizer, set up once like in the lecture
model = LinearModel()
criterion = torch.nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)


def train(model, x_data, y_data, epochs, lr):
    losses = []
    for epoch in range(epochs):
        y_pred = model(x_data)
        loss = criterion(y_pred, y_data)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model, x):
    return model(torch.tensor([[x]])).item()


if __name__ == "__main__":
    history = train(model, x_data, y_data, 500, 0.01)
    print(history[::50])
    print(predict(model, 4.0))
