print("FAKE numpy")
