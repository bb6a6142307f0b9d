import torch

# data from the lecture
x_data = torch.Tensor([[1.0], [2.0], [3.0]])
y_data = torch.Tensor([[2.0], [4.0], [6.0]])


class LinearModel(torch.nn.Module):
    def __init__(self):
        super(LinearModel, self).__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


def train(model, x_data, y_data, epochs, lr):
    criterion = torch.nn.MSELoss(size_average=False)  # same as the slides
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    all_losses = []
    for epoch in range(epochs):
        y_pred = model(x_data)
        loss = criterion(y_pred, y_data)
        all_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return all_losses


def predict(model, x):
    return model(torch.Tensor([[x]])).data[0][0].item()


model = LinearModel()
losses = train(model, x_data, y_data, 500, 0.01)
for epoch in range(0, 500, 50):
    print("epoch", epoch, "loss", losses[epoch])
print("predict (after training)", 4, predict(model, 4))
