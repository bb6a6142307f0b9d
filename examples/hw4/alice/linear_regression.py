# HW4 - linear regression in pytorch
# Alice

import torch

x_data = torch.tensor([[1.0], [2.0], [3.0]])
y_data = torch.tensor([[2.0], [4.0], [6.0]])


class LinearModel(torch.nn.Module):
    def __init__(self):
        super(LinearModel, self).__init__()
        self.linear = torch.nn.Linear(1, 1)  # one input, one output

    def forward(self, x):
        y_pred = self.linear(x)
        return y_pred


def train(model, x_data, y_data, epochs, lr):
    criterion = torch.nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_list = []
    for epoch in range(epochs):
        # forward pass
        y_pred = model(x_data)
        loss = criterion(y_pred, y_data)
        print(epoch, loss.item())
        loss_list.append(loss.item())

        # backward pass and update
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss_list


def predict(model, x):
    x_tensor = torch.tensor([[x]])
    return model(x_tensor).item()


# training like in the lecture
model = LinearModel()
losses = train(model, x_data, y_data, 500, 0.01)
print("predict (after training)", 4, predict(model, 4.0))
