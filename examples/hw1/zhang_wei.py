# -*- coding: utf-8 -*-
# 作业1：线性模型 + 穷举法
# 学号：2023010517  姓名：张伟

import numpy as np

# 课上的数据
x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


# 前向计算 y_hat = x * w
def forward(x, w):
    return x * w


# 单个样本的损失（平方误差）
def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) ** 2


# 均方误差：所有样本损失的平均值
def mse(xs, ys, w):
    l_sum = 0
    n = 0
    for x_val, y_val in zip(xs, ys):
        l_sum += loss(x_val, y_val, w)
        n += 1
    return l_sum / n


# 穷举法：每个 w 都试一遍，取 MSE 最小的那个
def exhaustive_search(xs, ys, w_grid):
    mse_list = []
    min_mse = float("inf")
    best_w = w_grid[0]
    for w in w_grid:
        cost = mse(xs, ys, w)
        mse_list.append(cost)
        if cost < min_mse:  # 用 < 而不是 <=，相等时保留第一个
            min_mse = cost
            best_w = w
    return best_w, mse_list


# 作业部分：加上偏置 b
def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    cost_table = []  # 第 i 行对应 w_grid[i]，第 j 列对应 b_grid[j]
    min_mse = float("inf")
    best_w, best_b = w_grid[0], b_grid[0]
    for w in w_grid:
        row = []
        for b in b_grid:
            l_sum = 0
            for x_val, y_val in zip(xs, ys):
                l_sum += (forward_affine(x_val, w, b) - y_val) ** 2
            cost = l_sum / len(xs)
            row.append(cost)
            if cost < min_mse:
                min_mse = cost
                best_w, best_b = w, b
        cost_table.append(row)
    return best_w, best_b, cost_table


if __name__ == "__main__":
    # 自己测试一下
    w, costs = exhaustive_search(x_data, y_data, np.arange(0.0, 4.1, 0.1))
    print("最好的 w =", w)
