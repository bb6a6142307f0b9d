print("FAKE random")


def seed(*args):
    raise RuntimeError("FAKE random")
