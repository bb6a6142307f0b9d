import time

print("training...")
while True:  # the lecture's demo loop, left running
    time.sleep(0.1)


def forward(x, w):
    return x * w
