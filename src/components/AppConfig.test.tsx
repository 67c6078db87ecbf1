import React from 'react';
import { render, screen } from '@testing-library/react';
import { AppPlugin } from '@grafana/data';

import { AppConfig } from './AppConfig';
import { TEST_IDS } from './testIds';

describe('AppConfig', () => {
  beforeEach(() => {
    render(<AppConfig plugin={new AppPlugin<{}>()} query={{}} />);
  });

  it('walks through the three setup steps in order', () => {
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['1. Grant read access', '2. Create a token', '3. Add the data source']);
    expect(screen.getByTestId(TEST_IDS.appConfig.root)).toBeInTheDocument();
  });

  it('names the RBAC tiers and marks the kubelet one as risky', () => {
    expect(screen.getByText('Objects and metrics')).toBeInTheDocument();
    expect(screen.getByText('Logs')).toBeInTheDocument();
    const kubelet = screen.getByText('Kubelet').closest('li');
    expect(kubelet).toHaveTextContent(/nodes\/proxy/);
    expect(kubelet).toHaveTextContent(/opt-in, risky/);
  });

  it('gives the commands as code blocks', () => {
    const blocks = Array.from(document.querySelectorAll('pre')).map((pre) => pre.textContent ?? '');
    expect(blocks.some((b) => b.includes('kubectl apply -f provisioning/kubernetes/rbac-read.yaml'))).toBe(true);
    expect(blocks.some((b) => b.includes('kubectl -n kubeglance create token kubeglance'))).toBe(true);
  });
});
