import React from 'react';
import { act, render, screen } from '@testing-library/react';

import { HEALTH_PROGRESS_TEST_ID, HealthProgressNote } from './HealthProgressNote';
import { publishHealthProgress } from './healthProgress';

describe('HealthProgressNote', () => {
  it('shows the running step of its own data source only, and goes away when the test ends', () => {
    render(<HealthProgressNote uid="a" />);
    expect(screen.queryByTestId(HEALTH_PROGRESS_TEST_ID)).not.toBeInTheDocument();

    act(() => publishHealthProgress('b', { title: 'Reaching the API server', index: 2, total: 8 }));
    expect(screen.queryByTestId(HEALTH_PROGRESS_TEST_ID)).not.toBeInTheDocument();

    act(() => publishHealthProgress('a', { title: 'Asking the kubelets', index: 8, total: 8 }));
    expect(screen.getByTestId(HEALTH_PROGRESS_TEST_ID)).toHaveTextContent('Step 8 of 8: Asking the kubelets…');

    act(() => publishHealthProgress('a', undefined));
    expect(screen.queryByTestId(HEALTH_PROGRESS_TEST_ID)).not.toBeInTheDocument();
  });
});
