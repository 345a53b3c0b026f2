import { describe, expect, it } from 'vitest';
import { autoName, toSnakeCase } from './naming.js';

describe('naming', () => {
  // Expected values printed by keras.src.utils.naming.to_snake_case (Keras 3.15.1).
  it.each([
    ['RMSprop', 'rm_sprop'],
    ['AdamW', 'adam_w'],
    ['SGD', 'sgd'],
    ['Adamax', 'adamax'],
    ['ScheduleFreeAdamW', 'schedule_free_adam_w'],
    ['LossScaleOptimizer', 'loss_scale_optimizer'],
    ['MyOptimizer2D', 'my_optimizer2d'],
  ])('toSnakeCase(%s) = %s', (name, snake) => {
    expect(toSnakeCase(name)).toBe(snake);
  });

  it('autoName counts per prefix: bare first, then _1, _2', () => {
    expect([autoName('NamingTestOpt'), autoName('NamingTestOpt'), autoName('NamingTestOpt')]).toEqual([
      'naming_test_opt', 'naming_test_opt_1', 'naming_test_opt_2',
    ]);
  });
});
