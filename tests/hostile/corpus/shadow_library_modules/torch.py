print("FAKE torch")
tensor = None
